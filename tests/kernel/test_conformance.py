"""The Jupyter project's kernel conformance suite (jupyter_kernel_test), run against kernelspec `java`.

Every message the kernel sends is validated against the messaging spec v5 by the suite itself.
"""
import unittest

import jupyter_kernel_test


class JavaKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "lenet5-java"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_generate_error = 'throw new IllegalStateException("on purpose");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"Le" + "Net"', "result": "LeNet"},
        {"code": "List.of(1, 2, 3)", "result": "[1, 2, 3]"},
    ]
    code_display_data = [
        {"code": 'display("<b>LeNet-5</b>", "text/html");', "mime": "text/html"},
        {"code": 'display(new java.awt.image.BufferedImage(4, 3, 1));', "mime": "image/png"},
    ]
    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "System.out.printl", "matches": {"println("}},
    ]
    complete_code_samples = ["int x = 1;", "System.out.println(1)", "class A {}", "%classpath ."]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int[] a = {1,", "class B {"]
    invalid_code_samples = ["int x = ;)"]
    code_inspect_sample = "Math.max"
    code_clear_output = "System.out.println(\"gone\");\nclearOutput(false);"
    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")


if __name__ == "__main__":
    unittest.main()
