//! Metacademy concept folders (to come).
