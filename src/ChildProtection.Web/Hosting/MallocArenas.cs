using System.Runtime.InteropServices;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// glibc gives every thread that meets another in malloc an arena of its own (up to eight per core), and
/// memory freed in one arena is not reused by another. The site's native allocations (SQLite's page
/// caches and statements, sockets) come from many thread-pool threads, so the resident size grows by
/// tens of megabytes under load for nothing: the notices benchmark measured about 20 MB more peak
/// working set with glibc's default than with two arenas. Two arenas is what MALLOC_ARENA_MAX=2 would
/// set; an operator who sets that variable keeps their own value.
/// </summary>
internal static partial class MallocArenas
{
    private const int ArenaMaxParameter = -8; // M_ARENA_MAX in malloc.h
    private static int applied;

    public static void Limit(int arenas = 2)
    {
        if (Interlocked.Exchange(ref applied, 1) == 1) return;
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return;
        try
        {
            mallopt(ArenaMaxParameter, arenas);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no mallopt): nothing to tune.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
