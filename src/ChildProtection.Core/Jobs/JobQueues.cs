namespace ChildProtection.Core.Jobs;

/// <summary>
/// The Hangfire queues every module puts its jobs on, in one place so a job's <c>[Queue]</c> attribute and
/// the servers that read the queues cannot drift apart. Two servers read them (the Jobs module):
/// the ordinary one reads <see cref="Ordinary"/> with the site's worker count, and the fast lane reads only
/// <see cref="Fast"/> with a few workers of its own. A notice's delivery lanes hold a worker each for the
/// whole send (minutes to hours), so whatever sends a single message or a few — event registration mail,
/// reminders, scheduled-publishing notifications — goes on <see cref="Fast"/>, where no lane can take the
/// workers it needs.
/// </summary>
public static class JobQueues
{
    public const string Critical = "critical";
    public const string Default = "default";
    /// <summary>Bulk notice delivery (lanes, scheduled starts): long jobs holding an SMTP connection each.</summary>
    public const string Mail = "mail";
    /// <summary>The fast lane: short jobs that send a few messages on their own connection.</summary>
    public const string Fast = "fast";

    /// <summary>The ordinary server's queues, in the order its workers look at them.</summary>
    public static IReadOnlyList<string> Ordinary { get; } = [Critical, Default, Mail];

    /// <summary>The fast-lane server's queues: only <see cref="Fast"/>.</summary>
    public static IReadOnlyList<string> FastLane { get; } = [Fast];
}
