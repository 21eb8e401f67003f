package io.dunkclip.jobs.label;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.dunkclip.video.DecodedFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;

/**
 * OpenCV's HOG people detector with the upright-pedestrian weights that ship inside the library, at OpenCV's default
 * settings (no threshold of ours: it was never fitted to basketball, and it must not be fitted to the sample
 * generator either). It looks for standing people at least 64 x 128 pixels large. Native memory: one per task, closed
 * by its owner, never sent to Spark.
 */
final class PeopleDetector implements AutoCloseable {
  private final HOGDescriptor hog = new HOGDescriptor();

  PeopleDetector() {
    try (FloatPointer weights = HOGDescriptor.getDefaultPeopleDetector(); Mat detector = new Mat(weights)) {
      // OpenCV copies the weights into the descriptor.
      hog.setSVMDetector(detector);
    }
  }

  /** How many people the detector finds in {@code frame} (packed RGB; the gradients do not mind the order). */
  int people(DecodedFrame frame) {
    try (BytePointer pixels = new BytePointer(frame.rgb());
        Mat picture = new Mat(frame.height(), frame.width(), CV_8UC3, pixels);
        RectVector found = new RectVector()) {
      hog.detectMultiScale(picture, found);
      return (int) found.size();
    }
  }

  @Override
  public void close() {
    hog.close();
  }
}
