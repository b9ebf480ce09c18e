"""Coach mode's pure rules: which clients need their coach's attention first, and why."""
