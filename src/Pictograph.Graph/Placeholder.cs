namespace Pictograph.Graph; internal static class Placeholder;
