namespace Registry.Api.Domain;

/// <summary>
/// Dahir 1-58-376, art. 5 (as amended by law 75-00): the definitive receipt is due within 60 days of a complete
/// deposit; without it the association may operate under its statutes.
/// </summary>
public static class ReceiptDeadline
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(60);

    public static DateTimeOffset DueBy(DateTimeOffset depositedAt) => depositedAt + Period;

    public static bool HasLapsed(DateTimeOffset depositedAt, DateTimeOffset now) => now >= DueBy(depositedAt);

    /// <summary>Deposits made at or before this instant have lapsed by <paramref name="now"/>.</summary>
    public static DateTimeOffset LapsedIfDepositedBy(DateTimeOffset now) => now - Period;
}
