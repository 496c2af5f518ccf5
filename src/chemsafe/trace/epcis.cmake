# (to be written: see CMakeLists.txt)
