using System.Text;
using ChildProtection.Organisations.Import;

namespace ChildProtection.Organisations.Tests;

/// <summary>Turning uploaded bytes into a table: encodings, delimiters, quoting, workbooks.</summary>
public sealed class ImportReadingTests
{
    private const string Csv = "Mã;Tên;Loại;Email\r\nTH-PL;\"Trường Tiểu học Phú Lợi; cơ sở 1\";Trường;thphuloi@example.edu.vn\r\n\r\nP-PL;Phường Phú Lợi;Phường;\"a@example.gov.vn, b@example.gov.vn\"\r\n";

    [Fact]
    public void Utf8_with_and_without_bom_reads_the_same_and_keeps_vietnamese_names()
    {
        var plain = Encoding.UTF8.GetBytes(Csv);
        var withBom = Encoding.UTF8.GetPreamble().Concat(plain).ToArray();

        var (a, failA) = ImportTableReader.Read(plain);
        var (b, failB) = ImportTableReader.Read(withBom);

        Assert.Equal(TableReadFailure.None, failA);
        Assert.Equal(TableReadFailure.None, failB);
        Assert.Equal(["Mã", "Tên", "Loại", "Email"], b!.Headers);
        Assert.Equal(a!.Headers, b.Headers);
        Assert.Equal(2, b.Rows.Count);
        Assert.Equal("Trường Tiểu học Phú Lợi; cơ sở 1", b.Rows[0].Cells[1]);
        Assert.Equal("a@example.gov.vn, b@example.gov.vn", b.Rows[1].Cells[3]);
        // Line numbers are the file's: the empty line is skipped but counted.
        Assert.Equal([2, 4], b.Rows.Select(r => r.Line).ToArray());
    }

    [Fact]
    public void Comma_files_quoted_fields_with_line_breaks_and_decomposed_letters_are_read()
    {
        var text = "Code,Name,Kind\n\"TH-01\",\"Trường \"\"Hoa Mai\"\"\nCơ sở 2\",School\n";
        var decomposed = text.Normalize(NormalizationForm.FormD);

        var (table, failure) = ImportTableReader.Read(Encoding.UTF8.GetBytes(decomposed));

        Assert.Equal(TableReadFailure.None, failure);
        var row = Assert.Single(table!.Rows);
        Assert.Equal("Trường \"Hoa Mai\"\nCơ sở 2", row.Cells[1]);
        Assert.True(row.Cells[1].IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void A_windows_1258_file_is_refused_not_garbled()
    {
        // "Mã;Tên\r\nTH;Trường" as Windows-1258 writes it: ã = 0xE3, ê = 0xEA, ư = 0xFD, ơ = 0xF5 + combining grave 0xCC.
        byte[] bytes = [0x4D, 0xE3, 0x3B, 0x54, 0xEA, 0x6E, 0x0D, 0x0A, 0x54, 0x48, 0x3B, 0x54, 0x72, 0xFD, 0xF5, 0xCC, 0x6E, 0x67];

        var (table, failure) = ImportTableReader.Read(bytes);

        Assert.Null(table);
        Assert.Equal(TableReadFailure.NotUtf8, failure);
    }

    [Fact]
    public void Empty_utf16_and_broken_workbooks_are_named()
    {
        Assert.Equal(TableReadFailure.Empty, ImportTableReader.Read([]).Failure);
        Assert.Equal(TableReadFailure.Utf16, ImportTableReader.Read(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Mã;Tên")).ToArray()).Failure);
        Assert.Equal(TableReadFailure.UnreadableWorkbook, ImportTableReader.Read([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5]).Failure);
    }

    [Fact]
    public void Export_files_read_back_as_the_same_table()
    {
        string[][] rows =
        [
            ["P-PL", "Phường Phú Lợi", "Phường", "", "", "Đường Huỳnh Văn Lũy", "Văn phòng", "Văn thư", "vanphong@phuloi.example.gov.vn", "01/07/2025", "", ""],
            ["TH-01", "Trường Tiểu học \"Phú Lợi\", cơ sở 1", "Trường", "Tiểu học", "P-PL", " 12; Huỳnh Văn Lũy ", "Nguyễn Thị Lan", "Hiệu trưởng", "a@example.edu.vn; b@example.edu.vn", "", "30/06/2025", "P-PL"],
        ];

        var csv = DirectoryExport.ToCsv(rows);
        var xlsx = DirectoryExport.ToXlsx(rows);

        Assert.Equal(Encoding.UTF8.GetPreamble(), csv.Take(3).ToArray());
        foreach (var bytes in new[] { csv, xlsx })
        {
            var (table, failure) = ImportTableReader.Read(bytes);
            Assert.Equal(TableReadFailure.None, failure);
            Assert.Equal(ImportColumns.Headers, table!.Headers);
            Assert.Equal(rows, table.Rows.Select(r => r.Cells).ToArray());
        }
    }
}
