using System.Globalization;
using System.Text;

namespace Registry.Api.Domain;

/// <summary>
/// The one normalisation of search text, used when indexing a record and when reading a query, on every database
/// provider. Arabic: harakat and tatweel dropped; أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي; the Moroccan g (ڭ, ݣ, گ) is one
/// letter; Arabic-Indic digits → 0-9. Latin: accents and case folded, œ/æ spelled out. Anything that is not a letter or
/// a digit (spaces, hyphens, apostrophes, punctuation) separates words.
/// </summary>
public static class SearchText
{
    /// <summary>Longer words are cut to this length, on both sides, so that index keys stay small.</summary>
    public const int MaxTermLength = 40;

    /// <summary>A full-name key longer than this is cut (index key size on SQL Server).</summary>
    public const int MaxKeyLength = 200;

    /// <summary>The canonical Moroccan g: ڭ (U+06AD); ݣ (U+0763) and گ (U+06AF) are folded onto it.</summary>
    public const char MoroccanG = '\u06AD';

    /// <summary>All words of <paramref name="text"/>, normalised, in order, repeats kept.</summary>
    public static IReadOnlyList<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text)) return tokens;
        var word = new StringBuilder();
        foreach (var c in text)
        {
            var folded = Folded[c];
            if (folded is null) { Flush(word, tokens); continue; }
            foreach (var f in folded)
            {
                if (f == ' ') Flush(word, tokens);
                else word.Append(f);
            }
        }
        Flush(word, tokens);
        return tokens;
    }

    /// <summary>The words that are searchable: two characters or more, distinct, in order of first appearance.</summary>
    public static IReadOnlyList<string> Terms(string? text) =>
        Tokens(text).Where(t => t.Length >= 2).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The whole text as one comparable key (words joined by one space): the exact-name match and the name sort key.</summary>
    public static string Key(string? text) => Key(Tokens(text));

    /// <summary>The key of text already cut into <see cref="Tokens"/>.</summary>
    public static string Key(IReadOnlyList<string> tokens)
    {
        var key = string.Join(' ', tokens);
        return key.Length <= MaxKeyLength ? key : key[..MaxKeyLength].TrimEnd();
    }

    /// <summary>
    /// The terms stored for a field: its <see cref="Terms"/> and, for an Arabic word starting with the article ال, the
    /// word without it too, so that "امل" finds "الأمل" as "amal" finds "Al Amal".
    /// </summary>
    public static IEnumerable<string> IndexTerms(string? text)
    {
        foreach (var term in Terms(text))
        {
            yield return term;
            if (WithoutArticle(term) is { } bare) yield return bare;
        }
    }

    /// <summary>An Arabic word of four letters or more without its leading article ال; null for any other word.</summary>
    public static string? WithoutArticle(string term) =>
        term.Length >= 4 && term[0] == '\u0627' && term[1] == '\u0644' ? term[2..] : null;

    /// <summary>The exclusive upper bound of the terms that start with <paramref name="prefix"/>, in ordinal (binary) order.</summary>
    public static string PrefixEnd(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        // Normalised terms hold letters and digits of the Basic Multilingual Plane only, never U+FFFF.
        return string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString());
    }

    /// <summary>
    /// What each UTF-16 unit becomes: its folded letters ("" for a mark that is dropped, a space inside for a compatibility
    /// form that holds a separator), or null for a separator. Built once from the rules below applied to the unit's
    /// compatibility decomposition (é → e + U+0301, أ → ا + U+0654, ﻻ → ل + ا), so tokenising is one table look-up per unit.
    /// </summary>
    private static readonly string?[] Folded = BuildTable();

    private static string?[] BuildTable()
    {
        var table = new string?[char.MaxValue + 1];
        var word = new StringBuilder();
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c)) continue;
            word.Clear();
            var separated = false;
            foreach (var d in Decompose(c))
            {
                if (!Fold(d, word)) { separated = true; word.Append(' '); }
            }
            var folded = word.ToString();
            table[i] = separated && folded.Trim().Length == 0 ? null : folded.Length == 1 && folded[0] == c ? c.ToString() : folded;
        }
        return table;
    }

    private static string Decompose(char c)
    {
        // Canonical decomposition splits é into e + U+0301 (then dropped) and آ/أ/إ/ؤ/ئ into the base letter + U+0653..U+0655
        // (then dropped as harakat); compatibility decomposition also maps presentation forms and ligatures to letters.
        try
        {
            return c.ToString().Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return c.ToString();
        }
    }

    /// <summary>Appends the folded form of <paramref name="c"/> to the word; false when c separates words.</summary>
    private static bool Fold(char c, StringBuilder word)
    {
        switch (c)
        {
            case >= '\u064B' and <= '\u065F' or '\u0670' or '\u0640': return true; // harakat, superscript alef, tatweel
            case '\u0623' or '\u0625' or '\u0622' or '\u0671': word.Append('\u0627'); return true; // أ إ آ ٱ → ا
            case '\u0629': word.Append('\u0647'); return true; // ة → ه
            case '\u0649': word.Append('\u064A'); return true; // ى → ي
            case '\u0624': word.Append('\u0648'); return true; // ؤ → و
            case '\u0626': word.Append('\u064A'); return true; // ئ → ي
            case '\u06CC': word.Append('\u064A'); return true; // Persian yeh ی → ي
            case '\u06A9': word.Append('\u0643'); return true; // Persian keheh ک → ك
            case '\u06AD' or '\u0763' or '\u06AF': word.Append(MoroccanG); return true; // ڭ ݣ گ
            case >= '\u0660' and <= '\u0669': word.Append((char)('0' + (c - '\u0660'))); return true; // ٠-٩
            case >= '\u06F0' and <= '\u06F9': word.Append((char)('0' + (c - '\u06F0'))); return true; // ۰-۹
            case 'œ' or 'Œ': word.Append("oe"); return true;
            case 'æ' or 'Æ': word.Append("ae"); return true;
            case 'ß': word.Append("ss"); return true;
        }
        if (char.IsSurrogate(c)) return false;
        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format:
                return true; // accents after decomposition, zero-width joiners and marks inside a word
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.SpacingCombiningMark:
                if (c is 'ʼ' or 'ʻ' or 'ˈ') return false; // modifier letters typed as apostrophes
                word.Append(char.ToLowerInvariant(c));
                return true;
            default:
                return false;
        }
    }

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length == 0) return;
        tokens.Add(word.Length <= MaxTermLength ? word.ToString() : word.ToString(0, MaxTermLength));
        word.Clear();
    }
}
