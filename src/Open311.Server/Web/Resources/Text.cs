namespace Open311;

// The web pages' strings: Text.resx (English) and Text.es.resx (Spanish) beside this file, read through
// IStringLocalizer<Text>. A string is added to both files; a test checks that they hold the same names.
sealed class Text;
