using ChildProtection.Core.Jobs;
using Hangfire;

namespace ChildProtection.Notices.Delivery;

/// <summary>Starts a notice scheduled for later. The watchdog starts it too if this job was lost; the start is idempotent.</summary>
public sealed class ScheduledStartJob(NoticeDelivery delivery)
{
    [Queue(JobQueues.Mail)]
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(int noticeId, CancellationToken cancellationToken) => delivery.StartScheduledAsync(noticeId, cancellationToken);
}
