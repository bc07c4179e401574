using System.Globalization;

namespace DaprShop.LocalSidecar.Resiliency;

/// <summary>
/// A circuit breaker's <c>trip</c> expression: the CEL subset daprd's docs use over the breaker's counts
/// (<c>requests</c>, <c>totalSuccesses</c>, <c>totalFailures</c>, <c>consecutiveSuccesses</c>,
/// <c>consecutiveFailures</c>): integer and boolean literals, <c>&gt; &gt;= &lt; &lt;= == !=</c>,
/// <c>&amp;&amp; || !</c> and parentheses. As in daprd, an unknown variable or a non-boolean result
/// evaluates to "do not trip" rather than failing the call.
/// </summary>
public sealed class TripExpression
{
    /// <summary>gobreaker's default when a breaker names no <c>trip</c>.</summary>
    public static TripExpression Default { get; } = Parse("consecutiveFailures > 5");

    readonly Func<IReadOnlyDictionary<string, long>, object> _eval;

    TripExpression(string text, Func<IReadOnlyDictionary<string, long>, object> eval)
    {
        Text = text;
        _eval = eval;
    }

    public string Text { get; }

    /// <exception cref="FormatException">The text is outside the supported subset.</exception>
    public static TripExpression Parse(string text)
    {
        var parser = new Parser(Tokenize(text));
        var eval = parser.Or();
        if (!parser.AtEnd) throw new FormatException($"trip expression '{text}': unexpected '{parser.Peek}'");
        return new TripExpression(text, eval);
    }

    public bool ShouldTrip(CircuitCounts counts)
    {
        var variables = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["requests"] = counts.Requests,
            ["totalSuccesses"] = counts.TotalSuccesses,
            ["totalFailures"] = counts.TotalFailures,
            ["consecutiveSuccesses"] = counts.ConsecutiveSuccesses,
            ["consecutiveFailures"] = counts.ConsecutiveFailures,
        };
        try
        {
            return _eval(variables) is true;
        }
        catch (InvalidOperationException)
        {
            return false; // daprd: "We cannot assume it is safe to trip if the eval returns an error."
        }
    }

    public override string ToString() => Text;

    static List<string> Tokenize(string s)
    {
        var tokens = new List<string>();
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
                tokens.Add(s[start..i]);
                continue;
            }
            if (char.IsDigit(c))
            {
                var start = i;
                while (i < s.Length && char.IsDigit(s[i])) i++;
                tokens.Add(s[start..i]);
                continue;
            }
            var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
            if (two is ">=" or "<=" or "==" or "!=" or "&&" or "||")
            {
                tokens.Add(two);
                i += 2;
                continue;
            }
            if (c is '>' or '<' or '!' or '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
                continue;
            }
            throw new FormatException($"trip expression '{s}': unexpected character '{c}'");
        }
        return tokens;
    }

    sealed class Parser(List<string> tokens)
    {
        int _pos;

        public bool AtEnd => _pos >= tokens.Count;
        public string Peek => AtEnd ? "end of expression" : tokens[_pos];

        bool Take(string token)
        {
            if (AtEnd || tokens[_pos] != token) return false;
            _pos++;
            return true;
        }

        public Func<IReadOnlyDictionary<string, long>, object> Or()
        {
            var left = And();
            while (Take("||"))
            {
                var l = left;
                var r = And();
                left = v => Bool(l(v)) || Bool(r(v));
            }
            return left;
        }

        Func<IReadOnlyDictionary<string, long>, object> And()
        {
            var left = Comparison();
            while (Take("&&"))
            {
                var l = left;
                var r = Comparison();
                left = v => Bool(l(v)) && Bool(r(v));
            }
            return left;
        }

        Func<IReadOnlyDictionary<string, long>, object> Comparison()
        {
            var left = Unary();
            foreach (var op in new[] { ">=", "<=", "==", "!=", ">", "<" })
            {
                if (!Take(op)) continue;
                var right = Unary();
                return op switch
                {
                    ">=" => v => Int(left(v)) >= Int(right(v)),
                    "<=" => v => Int(left(v)) <= Int(right(v)),
                    ">" => v => Int(left(v)) > Int(right(v)),
                    "<" => v => Int(left(v)) < Int(right(v)),
                    "==" => v => Equals(left(v), right(v)),
                    _ => v => !Equals(left(v), right(v)),
                };
            }
            return left;
        }

        Func<IReadOnlyDictionary<string, long>, object> Unary()
        {
            if (Take("!"))
            {
                var operand = Unary();
                return v => !Bool(operand(v));
            }
            if (Take("("))
            {
                var inner = Or();
                if (!Take(")")) throw new FormatException($"expected ')' but found '{Peek}'");
                return inner;
            }
            if (AtEnd) throw new FormatException("unexpected end of expression");
            var token = tokens[_pos++];
            if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return _ => n;
            if (token == "true") return _ => true;
            if (token == "false") return _ => false;
            if (char.IsLetter(token[0]) || token[0] == '_')
                return v => v.TryGetValue(token, out var value) ? value : throw new InvalidOperationException($"no such attribute: {token}");
            throw new FormatException($"unexpected '{token}'");
        }

        static bool Bool(object o) => o as bool? ?? throw new InvalidOperationException("not a boolean");

        static long Int(object o) => o as long? ?? throw new InvalidOperationException("not an integer");
    }
}
