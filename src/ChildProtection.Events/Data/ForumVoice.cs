namespace ChildProtection.Events.Data;

public enum VoiceStatus { Pending = 0, Published = 1, Rejected = 2 }

/// <summary>
/// A question or opinion a child, a class or a school sends before a forum. Nothing personal is asked for;
/// a first name, an age and a school may be given and are shown only if the moderator keeps them.
/// </summary>
public sealed class ForumVoice
{
    public long Id { get; set; }
    public string EventId { get; set; } = "";
    /// <summary>"question" or "opinion".</summary>
    public string Kind { get; set; } = "question";
    public string Text { get; set; } = "";
    public string? FirstName { get; set; }
    public int? Age { get; set; }
    public string? School { get; set; }
    public VoiceStatus Status { get; set; }
    public string? Answer { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ModeratedUtc { get; set; }
    public string? ModeratedBy { get; set; }
}
