package io.dunkclip.jobs.extract;

import io.dunkclip.jobs.spark.HadoopConf;
import io.dunkclip.jobs.tapes.TapeError;
import io.dunkclip.jobs.tapes.TapeSegment;
import io.dunkclip.jobs.tapes.TapeSources;
import io.dunkclip.video.DecodedFrame;
import io.dunkclip.video.FrameReader;
import io.dunkclip.video.TapeException;
import io.dunkclip.video.TapeInfo;
import java.util.function.Consumer;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Decodes one segment inside a Spark task, sized and fitted as the extract asks, with a reader of its own (native
 * decoders never travel in closures). A damaged tape is reported, not thrown: the frames before the damage stay in
 * the output and the other segments go on. Anything else (storage failing under the sink) fails the task.
 */
final class SegmentDecoder {
  private SegmentDecoder() {}

  /** Hands every decoded frame of {@code segment} to {@code sink}; returns how many it delivered. */
  static long decode(TapeSegment segment, TapeInfo info, HadoopConf conf, ExtractConfig config,
      CollectionAccumulator<TapeError> errors, Consumer<DecodedFrame> sink) {
    long[] delivered = {0};
    try (FrameReader reader = new FrameReader(TapeSources.of(segment.tape(), conf.get()), info,
        config.width(), config.height(), config.fit())) {
      reader.read(segment.first(), segment.last(), frame -> {
        sink.accept(frame);
        delivered[0]++;
      });
    } catch (TapeException e) {
      errors.add(new TapeError(segment.tape().name(), segment.tape().uri(), "decode",
          e.reason() + " (segment " + segment.first() + ".." + segment.last() + ")", delivered[0]));
    }
    return delivered[0];
  }
}
