namespace ChildProtection.Events.Public;

/// <summary>The schedule's public addresses, in one place so pages, templates, e-mails and tests agree.</summary>
public static class EventRoutes
{
    public const string Prefix = "su-kien";
    public const string List = "/" + Prefix;
    public const string CalendarSegment = "lich-thang";
    public const string PastSegment = "da-dien-ra";
    public const string FeedSegment = "ical";
    public const string ManageSegment = "dang-ky";
    public const string IcsSegment = "lich.ics";
    public const string RegisterSegment = "dang-ky";
    public const string VoicesSegment = "y-kien";

    public const string Calendar = List + "/" + CalendarSegment;
    public const string Past = List + "/" + PastSegment;
    public const string AllFeed = List + "/" + FeedSegment + "/tat-ca.ics";

    /// <summary>Names under the prefix that are the schedule's own pages, never an event's address.</summary>
    public static bool IsReserved(string slug) => slug is CalendarSegment or PastSegment or FeedSegment or ManageSegment;

    public static string Event(string path) => "/" + path.TrimStart('/');
    public static string EventIcs(string path) => $"/{path.TrimStart('/')}/{IcsSegment}";
    public static string Register(string path) => $"/{path.TrimStart('/')}/{RegisterSegment}";
    public static string Voices(string path) => $"/{path.TrimStart('/')}/{VoicesSegment}";
    public static string Manage(string token) => $"{List}/{ManageSegment}/{token}";
    public static string WardFeed(string wardCode) => $"{List}/{FeedSegment}/phuong/{Uri.EscapeDataString(wardCode)}.ics";
    public static string CampaignFeed(string campaignId) => $"{List}/{FeedSegment}/chien-dich/{Uri.EscapeDataString(campaignId)}.ics";
}
