"""Writing output so that a failed or interrupted run never leaves a partial file, and never replaces what
it must not: a device, a FIFO, a symlink's target, or a folder it does not own."""
