namespace OutlookCrm.WorkbookBench;

// A row shaped like the workbook's activity rows: 4 numbers, 8 short strings (shared by every writer phase).
public static class SampleRow
{
    public const int Columns = 12;

    public static object[] Values(int i) =>
        [i, 46000.5 + i / 1000.0, "2026-W01", "2026-01", "Rep 12345-7", "Territory 12345-2", $"Menuiserie Martin 12345-{i / 25}",
            "Visit", "Done", "Visit", 60, i / 3];
}
