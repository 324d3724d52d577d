using Hangfire;

namespace ChildProtection.Notices.Delivery;

/// <summary>Puts delivery work into Hangfire. Every job it creates is idempotent, so an extra one costs a query, never a message.</summary>
public sealed class LaneLauncher(IBackgroundJobClient jobs)
{
    public void EnqueueLanes(int noticeId, int count)
    {
        for (var lane = 0; lane < count; lane++)
        {
            var l = lane;
            jobs.Enqueue<DeliveryLaneJob>(j => j.RunAsync(noticeId, l, CancellationToken.None));
        }
    }

    /// <summary>A lane that found only rows waiting for their back-off comes back when the first is due.</summary>
    public void ScheduleLane(int noticeId, int lane, DateTime dueUtc) =>
        jobs.Schedule<DeliveryLaneJob>(j => j.RunAsync(noticeId, lane, CancellationToken.None), new DateTimeOffset(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc)));

    public void ScheduleStart(int noticeId, DateTime atUtc) =>
        jobs.Schedule<ScheduledStartJob>(j => j.RunAsync(noticeId, CancellationToken.None), new DateTimeOffset(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc)));
}
