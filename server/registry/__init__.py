"""The registry of social-protection establishments (EPS) and their assignment to agents."""
