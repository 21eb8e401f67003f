package io.dunkclip.sample;

/**
 * A sound at {@code time} seconds (relative to its event until the plan places it, then on the
 * tape), of a kind and a linear gain (1 is full scale).
 */
record SoundCue(double time, Kind kind, double gain) {

    enum Kind {
        /** A ball hitting the floor. */
        THUMP,
        /** The ball hitting the rim as it is dunked. */
        CLANG,
        /** Feet landing. */
        THUD,
        /** A sneaker on the floor. */
        SQUEAK
    }

    SoundCue at(double offset) {
        return new SoundCue(time + offset, kind, gain);
    }
}
