// The root namespace on purpose: the localizer finds Resources/DeliveryText.vi.resx by the type's name
// relative to the assembly's root namespace.
namespace ChildProtection.Notices;

/// <summary>Marker for the delivery texts (Resources/DeliveryText.vi.resx); English text is the key.</summary>
public sealed class DeliveryText;
