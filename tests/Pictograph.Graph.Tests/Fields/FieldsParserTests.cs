using Pictograph.Graph.Errors;
using Pictograph.Graph.Fields;

namespace Pictograph.Graph.Tests.Fields;

public class FieldsParserTests
{
    [Fact]
    public void Plain_list_keeps_the_order_asked()
    {
        var selection = FieldsParser.Parse("id,caption,media_type,timestamp");

        Assert.Equal(["id", "caption", "media_type", "timestamp"], selection.Items.Select(i => i.Name));
        Assert.All(selection.Items, item => Assert.Empty(item.Modifiers));
        Assert.All(selection.Items, item => Assert.Null(item.Children));
        Assert.Equal([0, 3, 11, 22], selection.Items.Select(i => i.Position));
    }

    [Fact]
    public void Single_name_with_digits_and_underscores()
    {
        var selection = FieldsParser.Parse("ig_id_2");

        Assert.Equal("ig_id_2", Assert.Single(selection.Items).Name);
    }

    [Theory]
    [InlineData(" id , caption ")]
    [InlineData("id,caption")]
    [InlineData("\tid,\n caption\r\n")]
    [InlineData("id ,caption")]
    public void Whitespace_around_tokens_is_ignored(string text)
    {
        var selection = FieldsParser.Parse(text);

        Assert.Equal(["id", "caption"], selection.Items.Select(i => i.Name));
        Assert.Equal("id,caption", selection.ToString());
    }

    [Fact]
    public void Whitespace_inside_modifiers_and_braces_is_ignored()
    {
        var selection = FieldsParser.Parse(" children . limit ( 5 ) . as ( kids ) { id , media_url } , id ");

        Assert.Equal("children.limit(5).as(kids){id,media_url},id", selection.ToString());
        var children = selection.Items[0];
        Assert.Equal("5", children.Modifier("limit"));
        Assert.Equal("kids", children.OutputName);
    }

    [Fact]
    public void A_modifier_is_read()
    {
        var item = Assert.Single(FieldsParser.Parse("children.limit(5)").Items);

        Assert.Equal("children", item.Name);
        Assert.Equal([new FieldModifier("limit", "5")], item.Modifiers);
        Assert.Equal("5", item.Modifier("limit"));
        Assert.Null(item.Modifier("as"));
        Assert.Equal("children", item.OutputName);
    }

    [Fact]
    public void Alias_sets_the_output_name()
    {
        var item = Assert.Single(FieldsParser.Parse("username.as(handle)").Items);

        Assert.Equal("username", item.Name);
        Assert.Equal("handle", item.OutputName);
    }

    [Fact]
    public void Several_modifiers_are_kept_in_order()
    {
        var item = Assert.Single(FieldsParser.Parse("media.limit(3).after(QVFIabc-_).as(latest).since(2024-05-01)").Items);

        Assert.Equal(
            [
                new FieldModifier("limit", "3"),
                new FieldModifier("after", "QVFIabc-_"),
                new FieldModifier("as", "latest"),
                new FieldModifier("since", "2024-05-01"),
            ],
            item.Modifiers);
        Assert.Equal("latest", item.OutputName);
    }

    [Fact]
    public void A_modifier_value_may_hold_any_character_but_a_closing_parenthesis()
    {
        var item = Assert.Single(FieldsParser.Parse("media.since(2024-05-01 12:00:00+02,{x}.y)").Items);

        Assert.Equal("2024-05-01 12:00:00+02,{x}.y", item.Modifier("since"));
    }

    [Fact]
    public void An_empty_modifier_value_is_kept_empty()
    {
        var item = Assert.Single(FieldsParser.Parse("media.after()").Items);

        Assert.Equal("", item.Modifier("after"));
    }

    [Fact]
    public void Nested_selections_several_levels_deep()
    {
        var selection = FieldsParser.Parse("id,media.limit(2){caption,children{media_url,owner{username}}},username");

        Assert.Equal(["id", "media", "username"], selection.Items.Select(i => i.Name));
        var media = selection.Items[1];
        Assert.Equal("2", media.Modifier("limit"));
        Assert.NotNull(media.Children);
        Assert.Equal(["caption", "children"], media.Children.Items.Select(i => i.Name));
        var children = media.Children.Items[1].Children;
        Assert.NotNull(children);
        Assert.Equal(["media_url", "owner"], children.Items.Select(i => i.Name));
        var owner = children.Items[1].Children;
        Assert.NotNull(owner);
        Assert.Equal("username", Assert.Single(owner.Items).Name);
        Assert.Null(owner.Items[0].Children);
        Assert.Null(selection.Items[0].Children);
        Assert.Null(selection.Items[2].Children);
    }

    [Fact]
    public void Nesting_up_to_the_maximum_depth_is_accepted()
    {
        var text = Nest(FieldsParser.MaxDepth);

        var selection = FieldsParser.Parse(text);

        Assert.Equal(text, selection.ToString());
        var depth = 0;
        for (var level = selection; level is not null; level = level.Items[0].Children)
        {
            depth++;
        }

        Assert.Equal(FieldsParser.MaxDepth, depth);
    }

    [Fact]
    public void Nesting_deeper_than_the_maximum_is_a_syntax_error()
    {
        var error = Assert.Throws<GraphException>(() => FieldsParser.Parse(Nest(FieldsParser.MaxDepth + 1)));

        Assert.Equal(100, error.Error.Code);
        Assert.Contains("nested deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Very_deep_nesting_fails_cleanly_instead_of_overflowing_the_stack()
    {
        var text = string.Concat(Enumerable.Repeat("a{", 4000)) + "b" + new string('}', 4000);

        var error = Assert.Throws<GraphException>(() => FieldsParser.Parse(text));

        Assert.Equal(100, error.Error.Code);
    }

    [Theory]
    [InlineData("id.as()")]
    [InlineData("id.as(1st)")]
    [InlineData("id.as(a-b)")]
    [InlineData("id.as(a b)")]
    [InlineData("id.as(<img src=x>)")]
    [InlineData("id.as(\"x\")")]
    [InlineData("id.as(é)")]
    public void An_alias_that_is_not_a_name_is_refused(string text)
    {
        var error = Assert.Throws<GraphException>(() => FieldsParser.Parse(text));

        Assert.Equal(100, error.Error.Code);
        Assert.Contains("is not a name (letters, digits and underscores, not starting with a digit)", error.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id.as(_)")]
    [InlineData("id.as(Ab_9)")]
    [InlineData("id.as( x1 )")]
    public void An_alias_that_is_a_name_is_kept(string text)
    {
        Assert.Single(FieldsParser.Parse(text).Items);
    }

    [Theory]
    [InlineData("id,caption", "id,caption")]
    [InlineData(" id ,  caption ", "id,caption")]
    [InlineData("media . limit( 5 ) { id , caption }", "media.limit(5){id,caption}")]
    [InlineData("a.as( x ).limit(2){b{c}},d", "a.as(x).limit(2){b{c}},d")]
    public void ToString_is_canonical(string text, string canonical)
    {
        Assert.Equal(canonical, FieldsParser.Parse(text).ToString());
    }

    [Fact]
    public void Of_builds_a_plain_selection_that_prints_canonically()
    {
        var selection = FieldSelection.Of("id", "username", "media_count");

        Assert.Equal("id,username,media_count", selection.ToString());
        Assert.Equal([0, 1, 2], selection.Items.Select(i => i.Position));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("id,")]
    [InlineData(",id")]
    [InlineData("id,,name")]
    [InlineData("id{")]
    [InlineData("id}")]
    [InlineData("id{name")]
    [InlineData("id{name}}")]
    [InlineData("{}")]
    [InlineData("id{}")]
    [InlineData("{id}")]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData("a.limit")]
    [InlineData("a.limit 3")]
    [InlineData("a.limit(3")]
    [InlineData("a.(3)")]
    [InlineData("a.limit(3)x")]
    [InlineData("a b")]
    [InlineData("a-b")]
    [InlineData("a)")]
    [InlineData("ä")]
    [InlineData("a;b")]
    [InlineData("a{b},{c}")]
    public void Malformed_input_is_error_100(string text)
    {
        var error = Assert.Throws<GraphException>(() => FieldsParser.Parse(text));

        Assert.Equal(100, error.Error.Code);
        Assert.Equal(400, error.Error.HttpStatus);
        Assert.StartsWith("(#100) Syntax error in the fields parameter: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_long_input_is_error_100()
    {
        var text = string.Join(',', Enumerable.Range(0, 2000).Select(i => $"f{i}"));
        Assert.True(text.Length > FieldsParser.MaxLength);

        var error = Assert.Throws<GraphException>(() => FieldsParser.Parse(text));

        Assert.Equal(100, error.Error.Code);
        Assert.Contains("longer than 8192", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_of_exactly_the_maximum_length_is_accepted()
    {
        var text = new string('a', FieldsParser.MaxLength);

        Assert.Equal(text, Assert.Single(FieldsParser.Parse(text).Items).Name);
        Assert.Throws<GraphException>(() => FieldsParser.Parse(text + "b"));
    }

    [Fact]
    public void Error_messages_quote_a_bounded_excerpt()
    {
        var text = "a," + new string('b', 5000) + ",";

        var error = Assert.Throws<GraphException>(() => FieldsParser.Parse(text));

        Assert.Equal(100, error.Error.Code);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Theory]
    [InlineData("id,name,id", "id", 8)]
    [InlineData("id, name, name", "name", 10)]
    [InlineData("media{id,caption,id}", "id", 17)]
    [InlineData("a{b{c,d,c}}", "c", 8)]
    [InlineData("name,username.as(name)", "name", 5)]
    [InlineData("a.as(x),b.as(x)", "x", 8)]
    [InlineData("media.limit(1),media.limit(2)", "media", 15)]
    public void A_repeated_field_is_error_2500(string text, string field, int position)
    {
        var error = Assert.Throws<GraphException>(() => FieldsParser.Parse(text));

        Assert.Equal(2500, error.Error.Code);
        Assert.Contains($"Field {field} specified more than once", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            $"Syntax error \"Field {field} specified more than once. This is only possible before version 2.1\" at character {position}: {text}",
            error.Message);
    }

    [Fact]
    public void The_same_name_at_different_levels_is_not_a_repeat()
    {
        var selection = FieldsParser.Parse("id,media{id,owner{id}},owner{id}");

        Assert.Equal("id,media{id,owner{id}},owner{id}", selection.ToString());
    }

    [Fact]
    public void An_alias_makes_a_repeated_name_legal()
    {
        var selection = FieldsParser.Parse("media.limit(1),media.limit(2).as(more)");

        Assert.Equal(["media", "more"], selection.Items.Select(i => i.OutputName));
    }

    private static string Nest(int levels)
    {
        // levels lists: a1{a2{...{leaf}...}}
        var text = "leaf";
        for (var i = levels - 1; i >= 1; i--)
        {
            text = $"a{i}{{{text}}}";
        }

        return text;
    }
}
