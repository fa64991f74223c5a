"""Resources: fiches pratiques, guides, videos and posters for each audience."""
