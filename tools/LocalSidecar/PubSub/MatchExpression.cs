using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// The subset of CEL that routing rules use in practice, evaluated over <c>event</c> (the CloudEvent):
/// field paths (<c>event.type</c>, <c>event.data.kind</c>, <c>event["x"]</c>), string/number/bool/null
/// literals, <c>== != &lt; &lt;= &gt; &gt;=</c>, <c>&amp;&amp; || !</c>, parentheses and the string
/// methods <c>startsWith</c>, <c>endsWith</c>, <c>contains</c>. Anything else fails to parse, and the
/// broker treats such a rule as never matching (daprd would run full CEL).
/// </summary>
internal sealed class MatchExpression
{
    readonly Func<JsonElement, object?> _eval;

    MatchExpression(string text, Func<JsonElement, object?> eval) { Text = text; _eval = eval; }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; returns null and a reason when it is outside the supported subset.</summary>
    public static MatchExpression? TryParse(string text, out string? error)
    {
        try
        {
            var parser = new Parser(Tokenize(text));
            var eval = parser.ParseOr();
            if (!parser.AtEnd) throw new FormatException($"unexpected '{parser.Peek}'");
            error = null;
            return new MatchExpression(text, eval);
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Evaluates against the CloudEvent. A missing field or a non-boolean result throws
    /// <see cref="InvalidOperationException"/>, as CEL reports "no such key" instead of answering false.
    /// </summary>
    public bool Matches(JsonElement cloudEvent) =>
        _eval(cloudEvent) is bool b ? b : throw new InvalidOperationException($"the result of match expression {Text} was not a boolean");

    static List<string> Tokenize(string s)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '"' or '\'')
            {
                var sb = new StringBuilder().Append('"');
                i++;
                while (i < s.Length && s[i] != c)
                {
                    if (s[i] == '\\' && i + 1 < s.Length) i++;
                    sb.Append(s[i++]);
                }
                if (i >= s.Length) throw new FormatException("unterminated string literal");
                i++;
                tokens.Add(sb.ToString());
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
                tokens.Add(s[start..i]);
                continue;
            }
            if (char.IsDigit(c) || (c == '-' && i + 1 < s.Length && char.IsDigit(s[i + 1])))
            {
                var start = i++;
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.')) i++;
                tokens.Add("#" + s[start..i]);
                continue;
            }
            var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
            if (two is "==" or "!=" or "<=" or ">=" or "&&" or "||") { tokens.Add(two); i += 2; continue; }
            if (c is '<' or '>' or '!' or '(' or ')' or '.' or '[' or ']' or ',') { tokens.Add(c.ToString()); i++; continue; }
            throw new FormatException($"unsupported character '{c}'");
        }
        return tokens;
    }

    sealed class Parser(List<string> tokens)
    {
        int _pos;

        public bool AtEnd => _pos >= tokens.Count;
        public string Peek => AtEnd ? "<end>" : tokens[_pos];

        bool Accept(string t)
        {
            if (AtEnd || tokens[_pos] != t) return false;
            _pos++;
            return true;
        }

        void Expect(string t)
        {
            if (!Accept(t)) throw new FormatException($"expected '{t}' but found '{Peek}'");
        }

        public Func<JsonElement, object?> ParseOr()
        {
            var left = ParseAnd();
            while (Accept("||"))
            {
                var l = left;
                var r = ParseAnd();
                left = e => AsBool(l(e)) || AsBool(r(e));
            }
            return left;
        }

        Func<JsonElement, object?> ParseAnd()
        {
            var left = ParseUnary();
            while (Accept("&&"))
            {
                var l = left;
                var r = ParseUnary();
                left = e => AsBool(l(e)) && AsBool(r(e));
            }
            return left;
        }

        Func<JsonElement, object?> ParseUnary()
        {
            if (Accept("!"))
            {
                var inner = ParseUnary();
                return e => !AsBool(inner(e));
            }
            return ParseComparison();
        }

        Func<JsonElement, object?> ParseComparison()
        {
            var left = ParseOperand();
            foreach (var op in (string[])["==", "!=", "<=", ">=", "<", ">"])
            {
                if (!Accept(op)) continue;
                var right = ParseOperand();
                return e => Compare(op, left(e), right(e));
            }
            return left;
        }

        Func<JsonElement, object?> ParseOperand()
        {
            if (Accept("("))
            {
                var inner = ParseOr();
                Expect(")");
                return inner;
            }
            if (AtEnd) throw new FormatException("unexpected end of expression");
            var t = tokens[_pos++];
            if (t.StartsWith('"')) return Literal(t[1..]);
            if (t.StartsWith('#'))
                return double.TryParse(t[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    ? Literal(n) : throw new FormatException($"bad number '{t[1..]}'");
            if (t == "true") return Literal(true);
            if (t == "false") return Literal(false);
            if (t == "null") return Literal(null);
            if (t != "event") throw new FormatException($"unsupported identifier '{t}'");
            return ParsePath();
        }

        Func<JsonElement, object?> ParsePath()
        {
            var steps = new List<string>();
            while (true)
            {
                if (Accept("."))
                {
                    var name = Peek;
                    _pos++;
                    if (Accept("("))
                    {
                        var arg = ParseOperand();
                        Expect(")");
                        return StringMethod(Navigator(steps), name, arg);
                    }
                    if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_')) throw new FormatException($"bad field '{name}'");
                    steps.Add(name);
                }
                else if (Accept("["))
                {
                    var key = Peek;
                    if (!key.StartsWith('"')) throw new FormatException("only string keys are supported in [ ]");
                    _pos++;
                    Expect("]");
                    steps.Add(key[1..]);
                }
                else return Navigator(steps);
            }
        }

        static Func<JsonElement, object?> Navigator(List<string> steps) => e =>
        {
            var cur = e;
            foreach (var s in steps)
            {
                if (cur.ValueKind != JsonValueKind.Object || !cur.TryGetProperty(s, out var next))
                    throw new InvalidOperationException($"no such key: {s}");
                cur = next;
            }
            return ToValue(cur);
        };

        static Func<JsonElement, object?> StringMethod(Func<JsonElement, object?> target, string method, Func<JsonElement, object?> arg)
        {
            Func<string, string, bool> f = method switch
            {
                "startsWith" => (a, b) => a.StartsWith(b, StringComparison.Ordinal),
                "endsWith" => (a, b) => a.EndsWith(b, StringComparison.Ordinal),
                "contains" => (a, b) => a.Contains(b, StringComparison.Ordinal),
                _ => throw new FormatException($"unsupported function '{method}'"),
            };
            return e => target(e) is string a && arg(e) is string b
                ? f(a, b) : throw new InvalidOperationException($"no such overload: {method}");
        }

        static Func<JsonElement, object?> Literal(object? v) => _ => v;

        static object? ToValue(JsonElement el) => el.ValueKind switch
        {
            JsonValueKind.String => el.GetString(),
            JsonValueKind.Number => el.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => el,
        };

        static bool AsBool(object? v) => v is bool b ? b : throw new InvalidOperationException("no such overload: operand is not a boolean");

        static bool Compare(string op, object? a, object? b)
        {
            if (op is "==" or "!=")
            {
                var eq = (a, b) switch
                {
                    (null, null) => true,
                    (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
                    (double x, double y) => x.Equals(y),
                    (bool x, bool y) => x == y,
                    _ => false,
                };
                return op == "==" ? eq : !eq;
            }
            var cmp = (a, b) switch
            {
                (string x, string y) => string.CompareOrdinal(x, y),
                (double x, double y) => x.CompareTo(y),
                _ => throw new InvalidOperationException($"no such overload: {op}"),
            };
            return op switch { "<" => cmp < 0, "<=" => cmp <= 0, ">" => cmp > 0, _ => cmp >= 0 };
        }
    }
}
