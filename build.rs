fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .process()
        .expect("the reader grammar (src/reader/grammar.lalrpop) must build");
}
