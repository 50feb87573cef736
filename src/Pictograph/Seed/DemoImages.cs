using NetVips;

namespace Pictograph.Seed;

/// <summary>Deterministic, colourful demo pictures drawn with libvips arithmetic (no fonts, no files).</summary>
public static class DemoImages
{
    private const int Quality = 85;

    /// <summary>A gradient with translucent discs; each seed gives its own palette and layout.</summary>
    public static byte[] Jpeg(int width, int height, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var random = new Random(seed);

        // Drawn at half size and scaled up: four times less arithmetic, and soft shapes lose nothing.
        var (halfWidth, halfHeight) = ((width + 1) / 2, (height + 1) / 2);
        using var xy = Image.Xyz(halfWidth, halfHeight);
        var (hue, image) = Background(xy, random, seed);

        var shortSide = Math.Min(halfWidth, halfHeight);
        for (var count = random.Next(3, 7); count > 0; count--)
        {
            var colour = Hsv(hue + 0.5 + (random.NextDouble() - 0.5) * 0.4, 0.5, 1.0);
            var radius = shortSide * (0.08 + random.NextDouble() * 0.22);
            var mask = Disc(xy, random.NextDouble() * halfWidth, random.NextDouble() * halfHeight, radius, radius);
            image = mask.Ifthenelse(Tint(image, colour, 0.45), image, blend: true);
        }

        return Encode(image.Resize(2, kernel: Enums.Kernel.Linear).Crop(0, 0, width, height));
    }

    /// <summary>A 150×150 head-and-shoulders silhouette on a gradient, like a default avatar.</summary>
    public static byte[] ProfilePicture(int seed)
    {
        const int Size = 150;
        var random = new Random(seed);
        using var xy = Image.Xyz(Size, Size);
        var (hue, image) = Background(xy, random, seed);

        var figure = Hsv(hue, 0.15, 1.0);
        var head = Disc(xy, Size * 0.5, Size * 0.4, Size * 0.19, Size * 0.19);
        var shoulders = Disc(xy, Size * 0.5, Size * 1.02, Size * 0.38, Size * 0.36);
        image = head.Maxpair(shoulders).Ifthenelse(Tint(image, figure, 0.85), image, blend: true);
        return Encode(image);
    }

    /// <summary>Two-colour linear gradient in a random direction, warped by Perlin noise; uchar sRGB.</summary>
    private static (double Hue, Image Image) Background(Image xy, Random random, int seed)
    {
        var (width, height) = (xy.Width, xy.Height);
        var hue = random.NextDouble();
        var from = Hsv(hue, 0.75, 0.95);
        var to = Hsv(hue + 0.15 + random.NextDouble() * 0.25, 0.85, 0.8);

        var angle = random.NextDouble() * Math.Tau;
        var (dx, dy) = (Math.Cos(angle), Math.Sin(angle));
        var start = Math.Min(0, dx * width) + Math.Min(0, dy * height);
        var span = Math.Abs(dx) * width + Math.Abs(dy) * height;
        var t = ((xy[0] * dx) + (xy[1] * dy) - start) / span;

        var noise = Image.Perlin(width, height, cellSize: Math.Max(8, Math.Max(width, height) / 3), seed: seed);
        t += noise * 0.15;

        // A one-band image times n-element constants gives n bands: t picks a point between the colours.
        return (hue, t.Linear([to[0] - from[0], to[1] - from[1], to[2] - from[2]], from, uchar: true));
    }

    /// <summary>Uchar mask of an ellipse, 255 inside, with a one-pixel anti-aliased edge (blend weights).</summary>
    private static Image Disc(Image xy, double cx, double cy, double rx, double ry)
    {
        var u = (xy[0] - cx) / rx;
        var v = (xy[1] - cy) / ry;
        var distance = ((u * u) + (v * v)).Pow(0.5);
        // Casting to uchar clips, so the ramp is only visible at the rim.
        return ((1 - distance) * Math.Min(rx, ry) * 255).Cast(Enums.BandFormat.Uchar);
    }

    private static Image Tint(Image image, double[] colour, double alpha) =>
        image.Linear([1 - alpha, 1 - alpha, 1 - alpha], [colour[0] * alpha, colour[1] * alpha, colour[2] * alpha], uchar: true);

    private static byte[] Encode(Image image)
    {
        using var rgb = image.Copy(interpretation: Enums.Interpretation.Srgb);
        return rgb.JpegsaveBuffer(q: Quality, optimizeCoding: true, keep: Enums.ForeignKeep.None);
    }

    /// <summary>HSV (all 0-1, hue wraps) to sRGB 0-255.</summary>
    private static double[] Hsv(double hue, double saturation, double value)
    {
        var h = (hue % 1 + 1) % 1 * 6;
        var sector = (int)h;
        var f = h - sector;
        var (p, q, t) = (value * (1 - saturation), value * (1 - saturation * f), value * (1 - saturation * (1 - f)));
        var (r, g, b) = sector switch
        {
            0 => (value, t, p),
            1 => (q, value, p),
            2 => (p, value, t),
            3 => (p, q, value),
            4 => (t, p, value),
            _ => (value, p, q),
        };
        return [r * 255, g * 255, b * 255];
    }
}
