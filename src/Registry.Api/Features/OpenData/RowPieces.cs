using System.Buffers;

namespace Registry.Api.Features.OpenData;

/// <summary>
/// The bytes of a text format's rows, gathered in memory and written to the stream asynchronously in pieces of about
/// 64 KB, the first row at once (so that a streamed answer starts without waiting for a whole piece).
/// </summary>
public sealed class RowPieces(Stream output)
{
    private const int Piece = 1 << 16;
    private long _rows;

    /// <summary>Where a row is written.</summary>
    public ArrayBufferWriter<byte> Pending { get; } = new(Piece * 2);

    /// <summary>Ends a row: sends what is gathered if this is the first row or a piece is full.</summary>
    public ValueTask EndRowAsync(CancellationToken ct) =>
        ++_rows == 1 || Pending.WrittenCount >= Piece ? FlushAsync(ct) : ValueTask.CompletedTask;

    /// <summary>Sends what is left and flushes the stream.</summary>
    public async ValueTask CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        await output.FlushAsync(ct);
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        if (Pending.WrittenCount == 0) return;
        await output.WriteAsync(Pending.WrittenMemory, ct);
        Pending.ResetWrittenCount();
        if (_rows == 1) await output.FlushAsync(ct);
    }
}
