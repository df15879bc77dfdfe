"""The camera coach, pure: what a camera spec says, the measures read from pose landmarks, and
the counters that turn a stream of landmark frames into reps, holds and faults.

landmarks (the 33-point layout, frames, in-frame checks) → measures (angles in the picture) →
counter (reps with hysteresis and dwell, holds, faults) · spec (content) · synthetic (landmark
streams projected from the body model, for tests and fixtures). No I/O, no framework; the
browser runs a line-for-line twin (static/camera-count.js) that the same streams test.
"""
