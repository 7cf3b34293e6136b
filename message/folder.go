package message

// The reasons an output folder is refused (selection.OpenFolder,
// CheckOutside, PublicFolderError, CheckBatchFolder), and a clock that
// cannot be read (selection.Clock).
const (
	FolderCannotUse    Code = "folder-cannot-use"    // dir, error
	FolderRoot         Code = "folder-root"          // dir
	FolderCurrent      Code = "folder-current"       // dir
	FolderInputInside  Code = "folder-input-inside"  // input, dir
	FolderNotFolder    Code = "folder-not-folder"    // dir
	FolderNotEmpty     Code = "folder-not-empty"     // dir
	FolderForeign      Code = "folder-foreign"       // dir, files
	FolderForeignOne   Code = "folder-foreign-one"   // dir, file
	FolderMore         Code = "folder-more"          // n
	FolderPublic       Code = "folder-public"        // dir, parent
	BatchDirCannotUse  Code = "batch-dir-cannot-use" // error
	BatchDirNotFolder  Code = "batch-dir-not-folder" // dir
	BatchDirNotEmpty   Code = "batch-dir-not-empty"  // dir, summary
	SourceDateEpochBad Code = "source-date-epoch"    // value
)

var _ = register(map[Code]entry{
	FolderCannotUse: {"dir:s error:r",
		"cannot use the output folder {dir}: {error}",
		"impossible d'utiliser le dossier de sortie {dir} : {error}"},
	FolderRoot: {"dir:s",
		"the output folder {dir} is the root of the disk; choose a folder inside it",
		"le dossier de sortie {dir} est la racine du disque ; choisissez un dossier à l'intérieur"},
	FolderCurrent: {"dir:s",
		"the output folder {dir} is the current folder or holds it; choose another one, such as a new folder inside it",
		"le dossier de sortie {dir} est le dossier courant ou le contient ; choisissez-en un autre, par exemple un nouveau dossier à l'intérieur"},
	FolderInputInside: {"input:s dir:s",
		"the input {input} is inside the output folder {dir}, which tirage replaces whole; move it out, or choose another output folder (inputs are never overwritten)",
		"l'entrée {input} est dans le dossier de sortie {dir}, que tirage remplace en entier ; sortez-la de ce dossier, ou choisissez un autre dossier de sortie (les entrées ne sont jamais écrasées)"},
	FolderNotFolder: {"dir:s",
		"the output {dir} exists and is not a folder",
		"la sortie {dir} existe et n'est pas un dossier"},
	FolderNotEmpty: {"dir:s",
		"the output folder {dir} is not empty; choose a new or empty folder, or pass --force to replace the selection there",
		"le dossier de sortie {dir} n'est pas vide ; choisissez un dossier nouveau ou vide, ou passez --force pour y remplacer la sélection"},
	FolderForeign: {"dir:s files:l",
		"the output folder {dir} holds {files}, which tirage did not write; tirage replaces the whole folder, so move them elsewhere first, or choose another folder",
		"le dossier de sortie {dir} contient {files}, que tirage n'a pas écrits ; tirage remplace le dossier en entier : déplacez-les d'abord ailleurs, ou choisissez un autre dossier"},
	FolderForeignOne: {"dir:s file:s",
		"the output folder {dir} holds {file}, which tirage did not write; tirage replaces the whole folder, so move it elsewhere first, or choose another folder",
		"le dossier de sortie {dir} contient {file}, que tirage n'a pas écrit ; tirage remplace le dossier en entier : déplacez-le d'abord ailleurs, ou choisissez un autre dossier"},
	FolderMore: {"n:n", "{n} more", "{n} autres"},
	FolderPublic: {"dir:s parent:s",
		"{dir} is the public folder of the selection in {parent}, which holds only what may be published; give the selection folder, {parent}",
		"{dir} est le dossier public de la sélection de {parent}, qui ne contient que ce qui peut être publié ; donnez le dossier de la sélection, {parent}"},
	BatchDirCannotUse: {"error:r",
		"cannot use the output directory: {error}",
		"impossible d'utiliser le dossier de sortie : {error}"},
	BatchDirNotFolder: {"dir:s",
		"the output {dir} exists and is not a directory",
		"la sortie {dir} existe et n'est pas un dossier"},
	BatchDirNotEmpty: {"dir:s summary:s",
		"the output directory {dir} is not empty; choose a new or empty directory, or pass --force to replace the partners' files and {summary} there",
		"le dossier de sortie {dir} n'est pas vide ; choisissez un dossier nouveau ou vide, ou passez --force pour y remplacer les fichiers des partenaires et {summary}"},
	SourceDateEpochBad: {"value:s",
		"SOURCE_DATE_EPOCH is {value}, not a number of seconds since 1970-01-01",
		"SOURCE_DATE_EPOCH vaut {value}, qui n'est pas un nombre de secondes depuis le 1970-01-01"},
})
