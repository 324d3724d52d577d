namespace ChildProtection.Notices.Data;

/// <summary>What a reply field holds; the public form and the checks follow from it.</summary>
public enum ReplyFieldKind
{
    Number = 0,
    /// <summary>One line of text, at most <see cref="NoticeReplyField.MaxTextLength"/> characters.</summary>
    Text = 1,
    /// <summary>One of the options the sender listed (radio buttons).</summary>
    Choice = 2,
    Date = 3,
    /// <summary>A document or photo, checked by its content.</summary>
    File = 4,
}

/// <summary>
/// One question of the reply a notice asks for ("Số trẻ em được hỗ trợ", "Biên bản đính kèm"). Fields are
/// part of the draft: they can change until the notice is sent and are fixed after that, so every reply
/// answers the same questions.
/// </summary>
public sealed class NoticeReplyField
{
    public const int MaxTextLength = 500;
    public const int MaxLabelLength = 300;

    public int Id { get; set; }
    public int NoticeId { get; set; }
    /// <summary>Order on the form and in the export (1, 2, 3 …).</summary>
    public int Position { get; set; }
    public ReplyFieldKind Kind { get; set; }
    /// <summary>The question as the schools read it, in Vietnamese.</summary>
    public string Label { get; set; } = "";
    public bool Required { get; set; }
    /// <summary>For <see cref="ReplyFieldKind.Choice"/>: the options, one a line.</summary>
    public string? Options { get; set; }

    public IReadOnlyList<string> OptionList => (Options ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
