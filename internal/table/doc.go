// Package table reads the tables that partners produce with spreadsheets:
// delimited text files (UTF-8 with or without a byte-order mark, UTF-16
// "Unicode text", or Windows-1252; comma, semicolon or tab separated; CRLF
// or LF line ends; quoted fields with embedded delimiters and newlines;
// blank lines) and Excel workbooks (.xlsx, one sheet).
//
// It returns every record with the physical line on which it starts in the
// file (the header being line 1 when the file has no leading blank lines),
// or its row number in the sheet, so that callers can name the line in
// their error messages. It also holds what every reader of these tables
// shares: the normal form in which names are compared (Key), the closest
// name to suggest for a misspelt one, and the quoting of values in
// messages.
//
// It owns reading cells and records and the helpers of names in messages;
// it must not interpret them: what a column means is the business of quota
// and sortition.
package table
