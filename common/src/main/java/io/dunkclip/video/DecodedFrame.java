package io.dunkclip.video;

/**
 * One decoded frame, upright, as packed 8-bit RGB rows ({@code rgb.length == width * height * 3}).
 *
 * @param index the frame's number in presentation order, from 0
 * @param timestampMicros its presentation timestamp as the tape stamps it
 */
public record DecodedFrame(long index, long timestampMicros, int width, int height, byte[] rgb) {}
