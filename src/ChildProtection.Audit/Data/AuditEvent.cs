namespace ChildProtection.Audit.Data;

/// <summary>One row of the audit trail (see <see cref="AuditEntry"/> for the meaning of each column).</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string Actor { get; set; } = "";
    public string Category { get; set; } = "";
    public string Action { get; set; } = "";
    public string? SubjectId { get; set; }
    public string? SubjectTitle { get; set; }
    public string? Detail { get; set; }
    public string? Address { get; set; }
}
