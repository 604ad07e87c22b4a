package io.coderunner.server.profiles;

import io.coderunner.server.http.BadRequestException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.stereotype.Component;

/**
 * Turns an upload into an avatar to store. PNG, JPEG and GIF are decoded and written again as a
 * PNG of at most {@link ProfileSettings#avatarPixels()} a side: whatever else the file carried
 * (metadata, trailing bytes, a script in a comment, a second frame) is gone. WebP, which the JDK
 * cannot decode, is kept as sent once its RIFF structure checks out; it is served as image/webp with
 * nosniff, so no browser reads it as anything else.
 */
@Component
class AvatarImages {

    /** Pixels a source image may declare: bounds the work a small, highly compressed file can cause. */
    static final long MAX_SOURCE_PIXELS = 50_000_000L;
    static final String NOT_AN_IMAGE = "not an image: expected PNG, JPEG, WebP or GIF";

    private final int side;

    AvatarImages(ProfileSettings settings) {
        this.side = settings.avatarPixels();
    }

    AvatarImage prepare(byte[] data) {
        ImageFormat format = ImageFormat.detect(data).orElseThrow(() -> new BadRequestException(NOT_AN_IMAGE));
        if (format == ImageFormat.WEBP) {
            checkWebp(data);
            return new AvatarImage(data, "webp", "WebP");
        }
        return new AvatarImage(png(reencode(data, format)), "png", format.displayName());
    }

    private BufferedImage reencode(byte[] data, ImageFormat format) {
        String invalid = "not a valid " + format.displayName() + " image: it could not be decoded";
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no " + format.imageIoName() + " reader in javax.imageio");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1 || (long) width * height > MAX_SOURCE_PIXELS) {
                throw new BadRequestException("image of " + width + "x" + height + " pixels is too large: at most "
                        + MAX_SOURCE_PIXELS / 1_000_000 + " million pixels");
            }
            // Decode only every n-th pixel of a large image: memory stays bounded by the avatar's size.
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(width, height) / (2 * side));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw new BadRequestException(invalid);
            }
            return scaled(image);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadRequestException bad) {
                throw bad;
            }
            // The decoders signal a corrupt file with all sorts of exceptions; each means the same here.
            throw new BadRequestException(invalid);
        } finally {
            reader.dispose();
        }
    }

    /** A fresh image of at most {@code side} pixels a side, drawn from the decoded one. */
    private BufferedImage scaled(BufferedImage source) {
        double scale = Math.min(1.0, (double) side / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        int type = source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no png writer in javax.imageio");
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing a PNG in memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * A WebP file is one RIFF chunk: its size field must account for exactly the bytes sent (no
     * trailing payload), and its first sub-chunk must be one of the three WebP bitstream kinds.
     */
    private static void checkWebp(byte[] data) {
        if (data.length < 20) {
            throw new BadRequestException("not a valid WebP image: too short");
        }
        long riffSize = (data[4] & 0xffL) | (data[5] & 0xffL) << 8 | (data[6] & 0xffL) << 16 | (data[7] & 0xffL) << 24;
        if (riffSize + 8 != data.length) {
            throw new BadRequestException("not a valid WebP image: its RIFF size (" + riffSize + " + 8) does not match "
                    + "the " + data.length + " bytes sent");
        }
        String chunk = new String(data, 12, 4, StandardCharsets.US_ASCII);
        if (!chunk.equals("VP8 ") && !chunk.equals("VP8L") && !chunk.equals("VP8X")) {
            throw new BadRequestException("not a valid WebP image: it holds no VP8, VP8L or VP8X data");
        }
    }
}
