"""A small kinematic model of the human body that draws exercises and will measure movement.

segments (proportions) → joints (named angles, limits) → kinematics (3D keypoints) → clinical
(angles back from keypoints) · volumes (capsules) · props and scene (floor, walls, checks) ·
camera (projection) · pose (content models). Pure: no I/O, no framework.
"""
