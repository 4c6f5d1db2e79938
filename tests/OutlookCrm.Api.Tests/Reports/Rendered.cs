using System.Diagnostics;

namespace OutlookCrm.Api.Tests.Reports;

// A workbook printed the way a manager would print it: LibreOffice headless converts it to PDF with the file's own
// print set-up, poppler's pdftotext reads each page's text and pdftoppm draws a page as pixels (no anti-aliasing,
// so a colour drawn is exactly the colour declared).
public sealed class RenderedPdf(string path, IReadOnlyList<string> pages)
{
    public string Path { get; } = path;
    public IReadOnlyList<string> Pages { get; } = pages;

    // Pages whose running header names the sheet (the header's right part is the sheet name).
    public List<int> PagesOf(string sheet) =>
        Pages.Select((text, i) => (text, i)).Where(p => HeaderLine(p.text).EndsWith(sheet, StringComparison.Ordinal)).Select(p => p.i).ToList();

    public static string HeaderLine(string page) => page.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";

    public async Task<Pixels> RenderAsync(int page, int dpi = 100)
    {
        var prefix = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, $"page-{page}");
        await Tools.RunAsync("pdftoppm", ["-r", dpi.ToString(), "-aa", "no", "-aaVector", "no", "-f", $"{page + 1}", "-l", $"{page + 1}",
            "-singlefile", Path, prefix]);
        return Pixels.ReadPpm(await File.ReadAllBytesAsync(prefix + ".ppm"));
    }

    public static async Task<RenderedPdf> FromXlsxAsync(string xlsx, string dir)
    {
        var pdf = await LibreOffice.ToPdfAsync(xlsx, dir);
        var text = await Tools.RunAsync("pdftotext", ["-layout", pdf, "-"]);
        return new RenderedPdf(pdf, text.Split('\f').SkipLast(1).ToList());
    }
}

// An RGB image (pdftoppm's binary PPM) and the plot areas of the charts drawn on it.
public sealed class Pixels(int width, int height, byte[] rgb)
{
    public int Width { get; } = width;
    public int Height { get; } = height;

    public int At(int x, int y) { var i = (y * Width + x) * 3; return rgb[i] << 16 | rgb[i + 1] << 8 | rgb[i + 2]; }

    public static Pixels ReadPpm(byte[] data)
    {
        var pos = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)data[pos])) pos++;
            var start = pos;
            while (!char.IsWhiteSpace((char)data[pos])) pos++;
            return System.Text.Encoding.ASCII.GetString(data, start, pos - start);
        }
        if (Token() != "P6") throw new InvalidDataException("not a binary PPM");
        var (w, h) = (int.Parse(Token()), int.Parse(Token()));
        Token(); // max value 255
        pos++;
        return new Pixels(w, h, data[pos..(pos + w * h * 3)]);
    }

    public int Count(int colour, Box box)
    {
        var n = 0;
        for (var y = box.Top; y <= box.Bottom; y++)
            for (var x = box.Left; x <= box.Right; x++)
                if (At(x, y) == colour) n++;
        return n;
    }

    // Regions of one colour (the charts' plot-area fill), pieces split by gridlines or bars merged back together.
    public List<Box> Regions(int colour, int minPixels = 400)
    {
        var seen = new bool[Width * Height];
        var boxes = new List<Box>();
        var queue = new Queue<int>();
        for (var start = 0; start < seen.Length; start++)
        {
            if (seen[start] || At(start % Width, start / Width) != colour) continue;
            var (box, n) = (new Box(start % Width, start / Width, start % Width, start / Width), 0);
            seen[start] = true;
            queue.Enqueue(start);
            while (queue.TryDequeue(out var p))
            {
                var (x, y) = (p % Width, p / Width);
                box = box.Including(x, y);
                n++;
                foreach (var (nx, ny) in new[] { (x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1) })
                    if (nx >= 0 && ny >= 0 && nx < Width && ny < Height && !seen[ny * Width + nx] && At(nx, ny) == colour)
                    {
                        seen[ny * Width + nx] = true;
                        queue.Enqueue(ny * Width + nx);
                    }
            }
            if (n >= 20) boxes.Add(box);
        }
        for (var merged = true; merged;)
        {
            merged = false;
            for (var i = 0; i < boxes.Count && !merged; i++)
                for (var j = i + 1; j < boxes.Count && !merged; j++)
                    if (boxes[i].Near(boxes[j], 6))
                    {
                        boxes[i] = boxes[i].Union(boxes[j]);
                        boxes.RemoveAt(j);
                        merged = true;
                    }
        }
        return boxes.Where(b => b.Area >= minPixels).OrderBy(b => b.Top / 20).ThenBy(b => b.Left).ToList();
    }
}

public readonly record struct Box(int Left, int Top, int Right, int Bottom)
{
    public int Area => (Right - Left + 1) * (Bottom - Top + 1);
    public Box Including(int x, int y) => new(Math.Min(Left, x), Math.Min(Top, y), Math.Max(Right, x), Math.Max(Bottom, y));
    public Box Union(Box o) => new(Math.Min(Left, o.Left), Math.Min(Top, o.Top), Math.Max(Right, o.Right), Math.Max(Bottom, o.Bottom));
    public bool Near(Box o, int gap) => Left - gap <= o.Right && o.Left - gap <= Right && Top - gap <= o.Bottom && o.Top - gap <= Bottom;
}

internal static class Tools
{
    public static async Task<string> RunAsync(string tool, string[] args, Dictionary<string, string>? env = null)
    {
        var path = new[] { $"/usr/bin/{tool}", $"/usr/local/bin/{tool}" }.FirstOrDefault(File.Exists)
            ?? throw new AssertInconclusiveException($"{tool} is not installed (tests/run-all.sh installs it).");
        var start = new ProcessStartInfo(path, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env ?? []) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120))) { process.Kill(true); Assert.Fail($"{tool} did not finish in 120 s."); }
        if (process.ExitCode != 0) Assert.Fail($"{tool} failed ({process.ExitCode}): {await errors}");
        return await output;
    }
}
