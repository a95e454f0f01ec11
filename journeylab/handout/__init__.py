"""The handout: what the workshop leaves behind, as one file anyone can open."""
