namespace ChildProtection.Core.Modules;

/// <summary>One entry of the admin navigation; Text is an English resource key localized by the admin.</summary>
public sealed record AdminMenuItem(string Text, string Url, string? Permission, int Position, string Group = "Content");

/// <summary>Modules contribute admin navigation through this contract instead of editing the admin layout.</summary>
public interface IAdminMenuProvider
{
    IEnumerable<AdminMenuItem> GetItems();
}
