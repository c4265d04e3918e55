"""fogofwar.extract stage."""
