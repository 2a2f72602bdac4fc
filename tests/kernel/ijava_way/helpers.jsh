// Loaded by the notebook with %load, as IJava's notebooks load shared code.
String shout(String s) { return s.toUpperCase() + "!"; }
