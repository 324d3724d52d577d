namespace ChildProtection.Notices.Data;

/// <summary>
/// One limited recipient domain's message rate, shared by every node through the database: the earliest
/// moment the next message to the domain may be handed to the relay. A lane reserves a moment by moving it
/// on by 60 s / rate in one conditional UPDATE (<see cref="Delivery.DomainThrottle"/>). Times are Unix
/// milliseconds, not DateTime, so that the same SQL text adds and compares them on SQLite (where EF keeps a
/// DateTime as text) and on PostgreSQL.
/// </summary>
public sealed class DeliveryDomainRate
{
    /// <summary>The domain limit's key: the listed domain, or for the default limit the recipient's domain.</summary>
    public string Domain { get; set; } = "";
    public long NextSlotMs { get; set; }
}

/// <summary>
/// One of a limited domain's N connection slots (N = the limit): a lane holds one while a message to the
/// domain is with the relay. Held under a lease, like ledger rows, so a slot of a node that died frees itself
/// when its lease ends; <see cref="HeldBy"/> is the lane run's claim id.
/// </summary>
public sealed class DeliveryDomainSlot
{
    public string Domain { get; set; } = "";
    public int Slot { get; set; }
    public string? HeldBy { get; set; }
    /// <summary>Unix milliseconds; the slot is free once this is past (or nobody holds it).</summary>
    public long ExpiresMs { get; set; }
}
