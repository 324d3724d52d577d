#!/usr/bin/perl
# Reads the TRX files of one tools/test.sh run: prints each failed test with the first lines of its
# message, then, as the last line, "N passed, N failed, N skipped" summed over every test assembly.
# Plain Perl with no modules: it must run on a bare Debian before anything else is installed.
use strict;
use warnings;

my ($passed, $failed, $skipped) = (0, 0, 0);
my @failures;

sub unescape {
    my ($s) = @_;
    $s =~ s/&lt;/</g; $s =~ s/&gt;/>/g; $s =~ s/&quot;/"/g; $s =~ s/&apos;/'/g;
    $s =~ s/&#x([0-9a-fA-F]+);/chr(hex($1))/ge; $s =~ s/&#(\d+);/chr($1)/ge;
    $s =~ s/&amp;/&/g;
    return $s;
}

for my $file (@ARGV) {
    open(my $fh, '<:encoding(UTF-8)', $file) or die "cannot read $file: $!\n";
    my $xml = do { local $/; <$fh> };
    close $fh;
    my ($counters) = $xml =~ /<Counters\s([^>]*)\/?>/ or die "$file has no Counters\n";
    my %c = $counters =~ /(\w+)="(\d+)"/g;
    $passed += $c{passed} // 0;
    # An error, a time-out or an aborted run is a failure too.
    $failed += ($c{failed} // 0) + ($c{error} // 0) + ($c{timeout} // 0) + ($c{aborted} // 0);
    $skipped += $c{notExecuted} // 0;
    while ($xml =~ /<UnitTestResult\s([^>]*?)(\/>|>(.*?)<\/UnitTestResult>)/gs) {
        my ($attributes, $body) = ($1, $3 // '');
        next unless $attributes =~ /outcome="(Failed|Error|Timeout|Aborted)"/;
        my ($name) = $attributes =~ /testName="([^"]*)"/;
        my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
        push @failures, [unescape($name // '?'), unescape($message // '')];
    }
}

binmode(STDOUT, ':encoding(UTF-8)');
if (@failures) {
    print "Failed tests:\n";
    for my $f (@failures) {
        my @lines = grep { /\S/ } split /\r?\n/, $f->[1];
        my $last = $#lines < 11 ? $#lines : 11;
        print "  - $f->[0]\n", map({ "      $_\n" } @lines[0 .. $last]);
        print "      …\n" if @lines > 12;
    }
}
print "$passed passed, $failed failed, $skipped skipped\n";
