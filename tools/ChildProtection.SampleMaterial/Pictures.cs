using static ChildProtection.SampleMaterial.Scenes;

namespace ChildProtection.SampleMaterial;

/// <summary>Wide pictures (16:9): the campaigns' hero images and the articles' featured images.</summary>
public static class Pictures
{
    private const float W = 800, H = 450;

    public static Sheet ActionMonthHero()
    {
        var s = new Sheet(W, H);
        Balloons(s, 0, 0, W, H);
        s.Rect(430, 40, 340, 130, White, 12);
        s.Text(600, 92, 26, true, Green, "Tháng hành động", Align.Center);
        s.Text(600, 128, 26, true, Green, "vì trẻ em", Align.Center);
        s.Text(600, 156, 15, false, Grey, "01/6 – 30/6 hằng năm", Align.Center);
        return s;
    }

    public static Sheet DrowningHero()
    {
        var s = new Sheet(W, H);
        Water(s, 0, 0, W, H);
        s.Rect(440, 40, 330, 120, White, 12);
        s.Text(605, 90, 24, true, Navy, "Trẻ em biết bơi,", Align.Center);
        s.Text(605, 124, 24, true, Navy, "an toàn dưới nước", Align.Center);
        return s;
    }

    /// <summary>The article on dispatch 2869: a document with a seal beside the 111 phone.</summary>
    public static Sheet DispatchArticle()
    {
        var s = new Sheet(W, H);
        s.Rect(0, 0, W, H, OrangeLight);
        s.Rect(120, 50, 300, 370, White, 6);
        s.Text(270, 95, 14, true, Ink, "CÔNG VĂN", Align.Center);
        s.Text(270, 118, 12, false, Grey, "Số 2869/UBND-LĐTBXH", Align.Center);
        for (var i = 0; i < 9; i++) s.Rect(150, 150 + i * 22, i % 3 == 2 ? 160 : 240, 7, 0xDEE2E6, 3);
        s.Circle(350, 370, 30, Red);
        s.Circle(350, 370, 22, White);
        s.Circle(350, 370, 16, Red);
        Phone(s, 590, 235, 260, Navy, White, Orange);
        return s;
    }

    /// <summary>The summer safety article: children's buoys on the water and the sun.</summary>
    public static Sheet SummerArticle()
    {
        var s = new Sheet(W, H);
        Water(s, 0, 0, W, H);
        s.Circle(620, 300, 50, Sun);
        s.Circle(620, 300, 28, SeaLight);
        return s;
    }
}
