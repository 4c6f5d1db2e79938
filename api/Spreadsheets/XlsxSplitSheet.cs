namespace OutlookCrm.Api.Spreadsheets;

// Rows without a limit: past Excel's 1,048,576 rows (one kept for the totals) they go on in a new sheet opened by
// `open(part)` ("Activities 2", …), after `close` has written the full one's totals. Still one sheet at a time,
// streamed: nothing is held in memory whatever the row count.
public sealed class XlsxSplitSheet(Func<int, XlsxSheet> open, Action<XlsxSheet> close) : IDisposable
{
    private XlsxSheet sheet = open(1);
    private bool completed;

    public int Parts { get; private set; } = 1;

    public void Row(params object?[] values)
    {
        if (sheet.IsFull)
        {
            close(sheet);
            sheet.Dispose();
            sheet = open(++Parts);
        }
        sheet.Row(values);
    }

    // The last sheet's totals; without it (a failure half-way) Dispose only closes the sheet.
    public void Complete()
    {
        close(sheet);
        completed = true;
        sheet.Dispose();
    }

    public void Dispose()
    {
        if (!completed) sheet.Dispose();
    }
}
