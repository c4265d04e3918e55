"""fogofwar.link stage."""
