"""Pure economics: each module declares its parameters and computes results. No widgets, no plots."""
