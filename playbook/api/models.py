"""Models land here as this part grows."""
