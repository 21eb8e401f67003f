package io.dunkclip.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4RotationTest {

    @Test
    void matrixIsWhatFfmpegReadsAsTheCounterClockwiseAngleOfThePhoneTag() {
        for (int degrees : new int[] {0, 90, 180, 270}) {
            int[] m = Mp4Rotation.matrix(degrees, 480, 270);
            try (IntPointer p = new IntPointer(m)) {
                double ccw = avutil.av_display_rotation_get(p);
                assertThat(Math.floorMod(Math.round(ccw) + degrees, 360))
                        .as("tag %s read as %s", degrees, ccw).isZero();
            }
        }
        assertThat(Mp4Rotation.matrix(90, 480, 270)).containsExactly(0, 65536, 0, -65536, 0, 0, 270 << 16, 0, 1 << 30);
    }

    @Test
    void refusesFilesWithoutAMovieBox(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.mp4");
        Files.write(file, new byte[] {0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0});

        assertThatThrownBy(() -> Mp4Rotation.write(file, 90, 480, 270))
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot write rotation tag: no moov box in " + file);
    }

    @Test
    void refusesUnknownAngles() {
        assertThatThrownBy(() -> Mp4Rotation.matrix(45, 480, 270))
                .hasMessage("Rotation must be one of 0, 90, 180, 270 degrees, cannot be: 45");
    }
}
