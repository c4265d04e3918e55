"""fogofwar.store stage."""
