using Registry.Api.Domain;

namespace Registry.UnitTests.Domain;

public sealed class ReceiptDeadlineTests
{
    private static readonly DateTimeOffset Deposit = new(2026, 3, 2, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_receipt_is_due_sixty_days_after_the_deposit() =>
        ReceiptDeadline.DueBy(Deposit).Should().Be(new DateTimeOffset(2026, 5, 1, 10, 30, 0, TimeSpan.Zero));

    [Fact]
    public void The_deadline_lapses_at_the_sixtieth_day_not_before()
    {
        ReceiptDeadline.HasLapsed(Deposit, Deposit.AddDays(59)).Should().BeFalse();
        ReceiptDeadline.HasLapsed(Deposit, Deposit.AddDays(60).AddTicks(-1)).Should().BeFalse();
        ReceiptDeadline.HasLapsed(Deposit, Deposit.AddDays(60)).Should().BeTrue();
        ReceiptDeadline.HasLapsed(Deposit, Deposit.AddDays(400)).Should().BeTrue();
    }

    [Fact]
    public void The_cutoff_selects_exactly_the_lapsed_deposits()
    {
        var now = Deposit.AddDays(60);
        var cutoff = ReceiptDeadline.LapsedIfDepositedBy(now);

        (Deposit <= cutoff).Should().Be(ReceiptDeadline.HasLapsed(Deposit, now));
        (Deposit.AddTicks(1) <= cutoff).Should().Be(ReceiptDeadline.HasLapsed(Deposit.AddTicks(1), now));
    }

    [Fact]
    public void Time_zones_do_not_move_the_deadline()
    {
        var inCasablanca = Deposit.ToOffset(TimeSpan.FromHours(1));
        ReceiptDeadline.DueBy(inCasablanca).Should().Be(ReceiptDeadline.DueBy(Deposit));
    }
}
