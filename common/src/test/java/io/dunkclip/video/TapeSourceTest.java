package io.dunkclip.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tapes read through a {@link SeekableStream} (how HDFS and S3 tapes are read) come out as from a local file. */
class TapeSourceTest {
  @TempDir static Path dir;
  static Path tape;

  @BeforeAll
  static void writeTape() throws Exception {
    tape = dir.resolve("numbered.mp4");
    NumberedTapes.write(tape, 300, 160, 96, 90, 15, false, true);
  }

  /** A stream over bytes in memory that counts what it reads and whether it was closed. */
  static final class MemoryStream extends SeekableStream {
    final byte[] bytes;
    final AtomicLong bytesRead;
    final AtomicInteger closed;
    long position;

    MemoryStream(byte[] bytes, AtomicLong bytesRead, AtomicInteger closed) {
      this.bytes = bytes;
      this.bytesRead = bytesRead;
      this.closed = closed;
    }

    @Override
    public String location() {
      return "memory:numbered.mp4";
    }

    @Override
    public long length() {
      return bytes.length;
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public void seek(long to) throws IOException {
      if (to < 0 || to > bytes.length) {
        throw new IOException("seek outside the stream: " + to);
      }
      position = to;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
      if (position >= bytes.length) {
        return -1;
      }
      int n = (int) Math.min(count, bytes.length - position);
      System.arraycopy(bytes, (int) position, buffer, offset, n);
      position += n;
      bytesRead.addAndGet(n);
      return n;
    }

    private boolean isClosed;

    @Override
    public void close() {
      if (!isClosed) { // closing twice is allowed (JavaCV closes the stream too); count streams, not calls
        isClosed = true;
        closed.incrementAndGet();
      }
    }
  }

  private static List<String> frames(TapeSource source, TapeInfo info, long first, long last) {
    List<String> seen = new ArrayList<>();
    try (FrameReader reader = new FrameReader(source, info, 48, 80, Fit.STRETCH)) {
      reader.read(first, last, f -> seen.add(f.index() + ":" + java.util.Arrays.hashCode(f.rgb())));
    }
    return seen;
  }

  @Test
  void aStreamedTapeProbesAndDecodesExactlyLikeTheFileAndOnlyReadsWhatASegmentNeeds() throws Exception {
    byte[] bytes = Files.readAllBytes(tape);
    AtomicLong bytesRead = new AtomicLong();
    AtomicInteger closed = new AtomicInteger();
    TapeSource streamed = TapeSource.stream(() -> new MemoryStream(bytes, bytesRead, closed));

    TapeInfo fromStream = TapeProbe.probe(streamed, "numbered.mp4");
    TapeInfo fromFile = TapeProbe.probe(tape, "numbered.mp4");
    assertThat(fromStream.frameTimestampsMicros()).isEqualTo(fromFile.frameTimestampsMicros());
    assertThat(fromStream.keyframeIndices()).isEqualTo(fromFile.keyframeIndices());
    assertThat(fromStream.rotationDegrees()).isEqualTo(90);
    assertThat(fromStream.hasAudio()).isTrue();

    // A late segment first (the reader seeks forward past the start), then an early one (seeks back).
    bytesRead.set(0);
    assertThat(frames(streamed, fromStream, 242, 254)).isEqualTo(frames(TapeSource.file(tape), fromFile, 242, 254));
    assertThat(bytesRead.get()).as("a 13-frame segment reads far less than the whole %d-byte tape", bytes.length)
        .isLessThan(bytes.length / 2);
    assertThat(frames(streamed, fromStream, 0, 20)).isEqualTo(frames(TapeSource.file(tape), fromFile, 0, 20));
    assertThat(closed.get()).as("every stream opened was closed with its reader").isEqualTo(3);
  }

  @Test
  void anEmptyStreamIsReportedAsAnEmptyFile() {
    AtomicInteger closed = new AtomicInteger();
    TapeSource empty = TapeSource.stream(() -> new MemoryStream(new byte[0], new AtomicLong(), closed));
    assertThatThrownBy(() -> TapeProbe.probe(empty, "empty.mp4"))
        .isInstanceOf(TapeException.class).hasMessageContaining("empty.mp4").hasMessageContaining("empty (0 bytes)");
    assertThat(closed.get()).isEqualTo(1);
  }
}
