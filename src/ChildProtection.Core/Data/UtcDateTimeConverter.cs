using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChildProtection.Core.Data;

/// <summary>SQLite hands DateTime back without a kind; every stored time is UTC, so say so on the way out.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
