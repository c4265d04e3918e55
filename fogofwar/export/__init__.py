"""fogofwar.export stage."""
