namespace ChildProtection.Organisations.Import;

public enum ImportColumn { Code, Name, Kind, Level, Ward, Address, ContactName, ContactRole, Emails, ValidFrom, ValidTo, Successor }

/// <summary>The columns of import and export files: Vietnamese headers (what export writes) and English ones, matched folded.</summary>
public static class ImportColumns
{
    public static readonly (ImportColumn Column, string Header, string[] Aliases)[] All =
    [
        (ImportColumn.Code, "Mã", ["ma", "ma don vi", "code"]),
        (ImportColumn.Name, "Tên", ["ten", "ten don vi", "name"]),
        (ImportColumn.Kind, "Loại", ["loai", "loai don vi", "kind", "type"]),
        (ImportColumn.Level, "Cấp học", ["cap hoc", "cap", "level", "school level"]),
        (ImportColumn.Ward, "Phường/Xã", ["phuong/xa", "phuong xa", "phuong", "ward"]),
        (ImportColumn.Address, "Địa chỉ", ["dia chi", "address"]),
        (ImportColumn.ContactName, "Người liên hệ", ["nguoi lien he", "contact", "contact name"]),
        (ImportColumn.ContactRole, "Chức vụ", ["chuc vu", "role", "contact role"]),
        (ImportColumn.Emails, "Email", ["email", "e-mail", "emails", "e-mails", "thu dien tu"]),
        (ImportColumn.ValidFrom, "Hiệu lực từ", ["hieu luc tu", "valid from"]),
        (ImportColumn.ValidTo, "Hiệu lực đến", ["hieu luc den", "valid to"]),
        (ImportColumn.Successor, "Đơn vị kế thừa", ["don vi ke thua", "ke thua", "successor"]),
    ];

    public static string[] Headers => All.Select(c => c.Header).ToArray();

    public static ImportColumn? Match(string header)
    {
        var key = TextFolding.Fold(header);
        foreach (var (column, _, aliases) in All)
            if (aliases.Contains(key)) return column;
        return null;
    }
}
